import type { ParsedLine } from '../core/record';

/** One parsed line as the `parse` command's NDJSON object (the contract documented in the README). */
export function toNdjsonObject(file: string, p: ParsedLine): Record<string, unknown> {
  switch (p.kind) {
    case 'entry': {
      const fields: Record<string, string> = {};
      // First occurrence wins, like fieldValue(): a repeated key keeps the value printed first.
      for (const f of p.fields) if (!(f.key in fields)) fields[f.key] = f.value;
      const o: Record<string, unknown> = {
        file, line: p.line, kind: p.kind, format: p.format, time: p.time, ts: p.ts, level: p.level,
        source: p.source, message: p.message, fields,
      };
      if (p.paste.length > 0) o.paste = p.paste;
      if (p.damage !== undefined) o.damage = p.damage;
      return o;
    }
    case 'continuation':
      return { file, line: p.line, kind: p.kind, of: p.of, text: p.text };
    case 'blank':
      return { file, line: p.line, kind: p.kind };
    case 'unparsed':
      return { file, line: p.line, kind: p.kind, reason: p.reason, detail: p.detail, text: p.text };
  }
}
