import type { TopLevelSpec } from "vega-lite";
import type { DocumentChart } from "./model.js";

// Charts as vectors: a Vega-Lite spec (a declarative grammar of graphics) compiled to Vega and
// rendered to SVG on the server — no canvas, no browser. pdfmake draws the SVG as paths and text,
// so the chart stays sharp and its labels stay text (pdftotext reads them back).

const WIDTH = 460;
const HEIGHT = 200;
const FONT = "Roboto";

function specOf(chart: DocumentChart): TopLevelSpec {
  const values = chart.points.map((p) => ({ label: p.label, value: p.value }));
  const base = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: WIDTH,
    height: HEIGHT,
    background: "white",
    data: { values },
    config: { font: FONT, axis: { labelFont: FONT, titleFont: FONT }, legend: { labelFont: FONT } },
  } as const;
  if (chart.kind === "pie") {
    return {
      ...base,
      width: HEIGHT,
      mark: { type: "arc", outerRadius: HEIGHT / 2 - 4 },
      encoding: {
        theta: { field: "value", type: "quantitative", stack: true },
        color: { field: "label", type: "nominal", title: null, sort: null },
      },
    };
  }
  const x = {
    field: "label",
    type: "ordinal" as const,
    title: chart.xTitle ?? null,
    sort: null,
    axis: { labelAngle: -30 },
  };
  const y = { field: "value", type: "quantitative" as const, title: chart.yTitle ?? null };
  return chart.kind === "bar"
    ? { ...base, mark: { type: "bar", color: "#1f2937" }, encoding: { x, y } }
    : { ...base, mark: { type: "line", point: true, color: "#f59e0b" }, encoding: { x, y } };
}

/** The chart as an SVG document. */
export async function chartSvg(chart: DocumentChart): Promise<string> {
  // Imported on the first chart, not at boot (~0.8 s to load both, as exceljs: excel.ts).
  const [vega, { compile }] = await Promise.all([import("vega"), import("vega-lite")]);
  const view = new vega.View(vega.parse(compile(specOf(chart)).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
