import type { Metadata, Viewport } from "next";
import { pageLocale } from "@/app/_server/locale";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Sondeo", template: "%s · Sondeo" },
  description: "Diagnóstico de necesidades de capacitación / Training needs assessment",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await pageLocale();
  return (
    <html lang={locale === "en" ? "en" : "es-PE"}>
      <body>{children}</body>
    </html>
  );
}
