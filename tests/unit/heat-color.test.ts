// The heatmap's numbers stay readable on every colour of its scale (WCAG AA, 4.5:1).
import { describe, expect, it } from "vitest";
import { heatColor } from "@/lib/needs/heat-color";

function luminance(css: string): number {
  const hex = css.match(/^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i);
  const rgb = hex ? hex.slice(1).map((h) => parseInt(h, 16)) : (css.match(/\d+/g) ?? []).map(Number);
  const [r, g, b] = rgb.map((v) => {
    const c = v / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
};

describe("heatColor", () => {
  it("keeps text at 4.5:1 or more on every shade, blue and red", () => {
    for (let v = -200; v <= 200; v++) {
      const { background, color } = heatColor(v / 10, 20);
      expect(contrast(background, color), `${v / 10}: ${color} on ${background}`).toBeGreaterThanOrEqual(4.5);
    }
  });

  it("is white at 0 and the full colours at the scale's ends", () => {
    expect(heatColor(0, 10).background).toBe("rgb(255, 255, 255)");
    expect(heatColor(-10, 10)).toEqual({ background: "rgb(33, 102, 172)", color: "#ffffff" });
    expect(heatColor(12, 10)).toEqual({ background: "rgb(179, 0, 0)", color: "#ffffff" });
  });
});
