import type { MaterialCategory, MaterialUnit } from "@fotostudio/db";

/** A catalog entry of the demo studios: prices in cents (cost and sale, per base unit). */
export interface DemoMaterial {
  category: MaterialCategory;
  subtype: string;
  code: string;
  name: string;
  unit: MaterialUnit;
  faceWidthMm: number | null;
  cost: number;
  sale: number;
  min: number;
  max: number;
  waste: number;
}

type Row = [
  MaterialCategory,
  string,
  string,
  string,
  MaterialUnit,
  number | null,
  number,
  number,
  number,
  number,
  number,
];

// About forty materials over the seven categories, as a framing and photo studio in Lima stocks
// them: category, subtype, code, name, base unit, face width (mm, mouldings), cost and sale price
// (cents per base unit), min and max stock (base unit), waste %.
// biome-ignore format: one material a line reads as the table it is
const ROWS: Row[] = [
  ["varillas", "moulding", "VAR-001", "Varilla pino natural 2 cm", "m", 20, 450, 1200, 30, 120, 8],
  ["varillas", "moulding", "VAR-002", "Varilla cedro lacado 3 cm", "m", 30, 850, 2200, 25, 100, 8],
  ["varillas", "moulding", "VAR-003", "Varilla negra mate 2.5 cm", "m", 25, 620, 1650, 30, 120, 6],
  ["varillas", "moulding", "VAR-004", "Varilla dorada clásica 4 cm", "m", 40, 1450, 3600, 15, 60, 10],
  ["varillas", "moulding", "VAR-005", "Varilla blanca moderna 1.5 cm", "m", 15, 380, 990, 30, 120, 5],
  ["varillas", "moulding", "VAR-006", "Varilla plata envejecida 3.5 cm", "m", 35, 1180, 2950, 15, 60, 10],
  ["varillas", "glass", "VID-001", "Vidrio claro 2 mm", "m2", null, 2800, 6500, 5, 30, 12],
  ["varillas", "glass", "VID-002", "Vidrio antirreflejo 2 mm", "m2", null, 6900, 14500, 2, 12, 12],
  ["varillas", "backing", "MDF-001", "Fondo MDF 3 mm", "m2", null, 1500, 3800, 6, 30, 6],
  ["varillas", "mat board", "PAS-001", "Paspartú blanco hueso", "m2", null, 2400, 5800, 4, 20, 15],
  ["varillas", "mat board", "PAS-002", "Paspartú negro", "m2", null, 2600, 6200, 3, 15, 15],
  ["pinturas", "oil painting", "PIN-001", "Óleo 'Atardecer en Paracas' 60×40", "unit", null, 18000, 42000, 0, 2, 0],
  ["pinturas", "oil painting", "PIN-002", "Óleo 'Calles de Barranco' 50×70", "unit", null, 22000, 52000, 0, 2, 0],
  ["pinturas", "print", "PIN-003", "Lámina Machu Picchu 30×40", "unit", null, 1500, 4500, 5, 25, 0],
  ["pinturas", "watercolour", "PIN-004", "Acuarela 'Mercado de Surquillo'", "unit", null, 9000, 24000, 0, 3, 0],
  ["impresion", "photo paper", "IMP-001", "Papel fotográfico lustre 10×15", "sheet", null, 18, 150, 500, 3000, 3],
  ["impresion", "photo paper", "IMP-002", "Papel fotográfico brillante 13×18", "sheet", null, 28, 250, 300, 2000, 3],
  ["impresion", "photo paper", "IMP-003", "Papel fotográfico mate 20×30", "sheet", null, 75, 600, 200, 1000, 3],
  ["impresion", "canvas", "IMP-004", "Lienzo canvas 380 g", "m2", null, 2900, 9500, 5, 30, 5],
  ["impresion", "chemicals", "IMP-005", "Químico revelador minilab", "sheet", null, 4, 0, 2000, 10000, 0],
  ["impresion", "ink", "IMP-006", "Tinta pigmentada plotter (por lámina A3)", "sheet", null, 95, 0, 200, 1000, 0],
  ["recordatorio", "keychain", "REC-001", "Llavero acrílico con foto", "unit", null, 180, 600, 100, 500, 0],
  ["recordatorio", "mug", "REC-002", "Taza sublimable blanca", "unit", null, 650, 1800, 48, 200, 0],
  ["recordatorio", "magnet", "REC-003", "Imán recordatorio escolar", "unit", null, 120, 450, 200, 800, 0],
  ["recordatorio", "template", "REC-004", "Porta retrato recordatorio 13×18", "unit", null, 420, 1200, 100, 400, 0],
  ["recordatorio", "bookmark", "REC-005", "Separador laminado", "unit", null, 60, 250, 200, 1000, 0],
  ["software", "licence", "SOF-001", "Licencia Adobe Photoshop (anual)", "unit", null, 98000, 0, 0, 2, 0],
  ["software", "licence", "SOF-002", "Licencia Lightroom Classic (anual)", "unit", null, 52000, 0, 0, 2, 0],
  ["software", "equipment", "SOF-003", "Cámara Canon EOS R6", "unit", null, 950000, 0, 0, 1, 0],
  ["software", "equipment", "SOF-004", "Flash de estudio Godox 400 W", "unit", null, 120000, 0, 0, 3, 0],
  ["software", "equipment", "SOF-005", "Cortadora láser CO2 60 W", "unit", null, 1800000, 0, 0, 1, 0],
  ["pintura", "oil paint", "PNT-001", "Óleo blanco titanio 200 ml", "ml", null, 9, 22, 400, 2000, 0],
  ["pintura", "acrylic", "PNT-002", "Acrílico negro 500 ml", "ml", null, 6, 15, 500, 3000, 0],
  ["pintura", "varnish", "PNT-003", "Barniz acrílico mate", "ml", null, 8, 20, 500, 2000, 0],
  ["pintura", "brush", "PNT-004", "Pincel plano N° 12", "unit", null, 850, 1900, 6, 30, 0],
  ["pintura", "canvas", "PNT-005", "Bastidor 40×50 con lienzo", "unit", null, 2200, 4800, 5, 25, 0],
  ["diseno", "template", "DIS-001", "Plantilla anuario escolar", "unit", null, 0, 15000, 0, 0, 0],
  ["diseno", "template", "DIS-002", "Plantilla cuadro de promoción", "unit", null, 0, 12000, 0, 0, 0],
  ["diseno", "font", "DIS-003", "Familia tipográfica Montserrat", "unit", null, 0, 0, 0, 0, 0],
  ["diseno", "licence", "DIS-004", "Banco de imágenes (suscripción)", "unit", null, 29000, 0, 0, 1, 0],
];

export const DEMO_MATERIALS: DemoMaterial[] = ROWS.map(
  ([category, subtype, code, name, unit, faceWidthMm, cost, sale, min, max, waste]) => ({
    category,
    subtype,
    code,
    name,
    unit,
    faceWidthMm,
    cost,
    sale,
    min,
    max,
    waste,
  }),
);
