// The names one module name gives: `price-lists` → folder and REST path `price-lists`, table
// `price_lists`, tRPC key and TypeScript value `priceLists`, type `PriceList`, permission
// `priceLists:read`.

/** @param {string} word */
const singular = (word) =>
  word.endsWith("ies") ? `${word.slice(0, -3)}y` : word.endsWith("ses") ? word.slice(0, -2) : word.replace(/s$/, "");

/** @param {string} kebab */
const camel = (kebab) => kebab.replace(/-([a-z0-9])/g, (_m, c) => c.toUpperCase());

/** @param {string} text */
const pascal = (text) => text.charAt(0).toUpperCase() + camel(text).slice(1);

const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/**
 * @param {string} name a plural, kebab-case module name (`widgets`, `price-lists`)
 * @returns {{ kebab: string, key: string, table: string, one: string, One: string, Many: string, title: string }}
 */
export function namesOf(name) {
  if (!NAME.test(name)) {
    throw new Error(`"${name}" is not a module name: lower-case kebab-case, plural, e.g. widgets or price-lists`);
  }
  const parts = name.split("-");
  const last = parts.pop() ?? name;
  const oneKebab = [...parts, singular(last)].join("-");
  return {
    kebab: name,
    key: camel(name),
    table: name.replaceAll("-", "_"),
    one: camel(oneKebab),
    One: pascal(oneKebab),
    Many: pascal(name),
    title: name.replaceAll("-", " "),
  };
}
