// CSV readers that are not ours: Python's csv module (what R, pandas and most scripts behave like)
// and LibreOffice Calc headless (a spreadsheet, as a coordinator opens the file). Each returns the
// rows it read, or null when its program is not installed here (.ci/run installs both).
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";

function has(command: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" }).status === 0;
}

export const HAS_PYTHON = has("python3");
export const HAS_LIBREOFFICE = has("soffice");

// newline="" is what the csv module's documentation requires: it then handles line breaks
// inside quoted fields itself, and any unquoted CR or LF ends a row.
const PYTHON_READER = `
import csv, io, json, sys
text = sys.stdin.buffer.read().decode("utf-8-sig")
print(json.dumps(list(csv.reader(io.StringIO(text, newline=""), delimiter=sys.argv[1], strict=True))))
`;

/** The rows Python's csv module reads from `bytes` (UTF-8, BOM allowed). */
export function readWithPython(bytes: Buffer, delimiter: string): string[][] | null {
  if (!HAS_PYTHON) return null;
  const out = execFileSync("python3", ["-c", PYTHON_READER, delimiter], { input: bytes, maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(out.toString("utf8")) as string[][];
}

/**
 * The rows LibreOffice Calc reads from `bytes`: it imports the file as a CSV in UTF-8 with the
 * given separator (as its import dialog would), then saves the sheet as tab-separated text with
 * every text cell quoted, which csv-parse reads back. Calc keeps a line break inside a cell as
 * LF, so a CR or CRLF typed by a respondent comes back as LF.
 */
export function readWithLibreOffice(bytes: Buffer, delimiter: string): string[][] | null {
  if (!HAS_LIBREOFFICE) return null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sondeo-calc-"));
  try {
    const input = path.join(dir, "export.csv");
    fs.writeFileSync(input, bytes);
    const code = delimiter.charCodeAt(0);
    execFileSync(
      "soffice",
      [
        // A profile of its own: another soffice running on the machine would otherwise take the job.
        `-env:UserInstallation=file://${path.join(dir, "profile")}`,
        "--headless",
        `--infilter=CSV:${code},34,76,1`,
        "--convert-to",
        "csv:Text - txt - csv (StarCalc):9,34,76,1,,0,true,false,false",
        "--outdir",
        path.join(dir, "out"),
        input,
      ],
      { stdio: "pipe", timeout: 120_000 },
    );
    const converted = fs.readFileSync(path.join(dir, "out", "export.csv"), "utf8");
    return parse(converted, { delimiter: "\t", record_delimiter: "\n", relax_column_count: true }) as string[][];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
