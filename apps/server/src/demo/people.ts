import type { ClientKind } from "@fotostudio/db";
import { type Random, ruc } from "./random.js";

// The demo studios' clients: people, schools and companies of Lima (demo) and Trujillo (norte),
// with Peruvian documents (DNI 8 digits, RUC 11 with its check digit) and phones.

const FIRST = [
  "María",
  "Rosa",
  "Lucía",
  "Carmen",
  "Ana",
  "Sofía",
  "Valeria",
  "Camila",
  "Daniela",
  "Fiorella",
  "José",
  "Luis",
  "Carlos",
  "Jorge",
  "Miguel",
  "Diego",
  "Renzo",
  "Álvaro",
  "Gustavo",
  "Martín",
];
const LAST = [
  "Quispe",
  "Flores",
  "Sánchez",
  "Rodríguez",
  "García",
  "Mamani",
  "Huamán",
  "Chávez",
  "Ramos",
  "Torres",
  "Vargas",
  "Castillo",
  "Rojas",
  "Mendoza",
  "Espinoza",
  "Salazar",
  "Paredes",
  "Cárdenas",
  "Villanueva",
  "Alvarado",
];

const SCHOOLS: Record<"demo" | "norte", string[]> = {
  demo: [
    "I.E. San Martín de Porres",
    "Colegio Santa Rosa de Lima",
    "I.E.P. Los Próceres",
    "Colegio Nuestra Señora de Guadalupe",
    "I.E. José Olaya",
    "Colegio San Agustín de Miraflores",
  ],
  norte: [
    "I.E. San Juan de Trujillo",
    "Colegio Santa María Reina",
    "I.E.P. Virgen de la Puerta",
    "Colegio Seminario San Carlos",
    "I.E. César Vallejo",
    "Colegio Belén de Huanchaco",
  ],
};

const COMPANIES: Record<"demo" | "norte", string[]> = {
  demo: [
    "Inversiones Miraflores S.A.C.",
    "Eventos Lima Sur E.I.R.L.",
    "Consultora Andina S.A.",
    "Restaurante El Rocoto S.A.C.",
    "Clínica San Borja S.A.",
    "Galería Barranco Arte S.R.L.",
  ],
  norte: [
    "Agroindustrias La Libertad S.A.",
    "Hotel Chan Chan S.A.C.",
    "Constructora Moche E.I.R.L.",
    "Notaría Trujillo S.R.L.",
    "Eventos Huanchaco S.A.C.",
    "Colegio de Ingenieros CD La Libertad",
  ],
};

const STREETS: Record<"demo" | "norte", string[]> = {
  demo: ["Av. Arequipa", "Av. Larco", "Jr. de la Unión", "Av. Javier Prado", "Av. Brasil", "Calle Berlín"],
  norte: ["Av. España", "Jr. Pizarro", "Av. Larco", "Av. América Norte", "Jr. Gamarra", "Av. Húsares de Junín"],
};
const CITY = { demo: "Lima", norte: "Trujillo" } as const;
const AREA = { demo: "1", norte: "44" } as const;

export interface DemoClient {
  kind: ClientKind;
  name: string;
  taxId: string | null;
  contactName: string | null;
  phone: string;
  email: string | null;
  address: string | null;
  whatsappOptIn: boolean;
}

const ascii = (text: string) =>
  text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ".")
    .replace(/^\.|\.$/g, "");

const mobile = (random: Random) => `+51 9${random.digits(2, true)} ${random.digits(3, true)} ${random.digits(3, true)}`;
const person = (random: Random) => `${random.pick(FIRST)} ${random.pick(LAST)} ${random.pick(LAST)}`;

/** 40 clients: 28 people, 6 schools and 6 companies, the same for the same sample every time. */
export function demoClients(random: Random, sample: "demo" | "norte"): DemoClient[] {
  const address = () => `${random.pick(STREETS[sample])} ${random.int(100, 2999)}, ${CITY[sample]}`;
  const people: DemoClient[] = Array.from({ length: 28 }, () => {
    const name = person(random);
    const withEmail = random.chance(0.5);
    return {
      kind: "person",
      name,
      taxId: random.chance(0.7) ? random.digits(8) : null,
      contactName: null,
      phone: mobile(random),
      email: withEmail ? `${ascii(name).split(".").slice(0, 2).join(".")}${random.int(1, 99)}@example.pe` : null,
      address: random.chance(0.4) ? address() : null,
      whatsappOptIn: random.chance(0.7),
    };
  });
  const schools: DemoClient[] = SCHOOLS[sample].map((name) => ({
    kind: "school",
    name,
    taxId: ruc(random, "20"),
    contactName: `${random.chance(0.5) ? "Dir." : "Lic."} ${person(random)}`,
    phone: `+51 ${AREA[sample]} ${random.digits(3)} ${random.digits(4, true)}`,
    email: `direccion@${ascii(name).replace(/\./g, "")}.edu.pe`,
    address: address(),
    whatsappOptIn: random.chance(0.5),
  }));
  const companies: DemoClient[] = COMPANIES[sample].map((name) => ({
    kind: "company",
    name,
    taxId: ruc(random, "20"),
    contactName: person(random),
    phone: mobile(random),
    email: `contacto@${ascii(name).split(".")[0]}.com.pe`,
    address: address(),
    whatsappOptIn: random.chance(0.3),
  }));
  return [...people, ...schools, ...companies];
}

export const STUDENT_NAMES = { first: FIRST, last: LAST };
export { mobile as mobilePhone, person as personName };
