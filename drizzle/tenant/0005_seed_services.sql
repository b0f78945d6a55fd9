-- The service catalog every studio starts with (SPEC 5b, in the studios' words), once per studio:
-- the studio edits, deactivates or deletes them from then on, and no later release re-adds them.
INSERT INTO `services` (`name`, `description`, `base_price`, `estimated_days`) VALUES
  ('Impresión Minilab', 'Minilab photo printing, per print', '1.50', 1),
  ('Enmarcado', 'Framing (cuadros): priced per piece by the frame engine', '45.00', 5),
  ('Recordatorio Escolar', 'School souvenirs', '12.00', 10),
  ('Retoque Fotográfico', 'Photo retouching, per photo', '15.00', 2),
  ('Ampliación', 'Enlargements', '25.00', 3),
  ('Fotografía Escolar', 'School photography', '350.00', 7),
  ('Fotografía de Eventos', 'Event photography', '600.00', 10),
  ('Fotografía Familiar', 'Family photography session', '250.00', 5),
  ('Corte Láser', 'Laser cutting', '30.00', 4),
  ('Cuadro de Promoción', 'Graduation piece (cuadro de promoción)', '120.00', 15),
  ('Anuario', 'Yearbook (anuario)', '80.00', 30);
