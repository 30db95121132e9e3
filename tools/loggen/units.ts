// Small renderers for values TiKV prints through Debug/Display: TSO timestamps and Rust Durations.

/** A TiDB TSO: physical milliseconds << 18 | logical. Above 2^53, so built with BigInt. */
export function tso(utcMs: number, logical = 0): string {
  return (BigInt(Math.floor(utcMs)) * 262144n + BigInt(logical)).toString();
}

function trimFraction(intPart: number, frac: number, digits: number, unit: string): string {
  if (frac === 0) return `${intPart}${unit}`;
  let f = frac;
  let d = digits;
  while (f % 10 === 0) {
    f /= 10;
    d--;
  }
  return `${intPart}.${String(f).padStart(d, '0')}${unit}`;
}

/** Rust's `Debug` for `Duration`, e.g. `1.5s`, `152.305818ms`, `36.211µs`, `0ns`. */
export function rustDuration(nanos: number): string {
  const ns = Math.max(0, Math.floor(nanos));
  if (ns >= 1e9) return trimFraction(Math.floor(ns / 1e9), ns % 1e9, 9, 's');
  if (ns >= 1e6) return trimFraction(Math.floor(ns / 1e6), ns % 1e6, 6, 'ms');
  if (ns >= 1e3) return trimFraction(Math.floor(ns / 1e3), ns % 1e3, 3, 'µs');
  return `${ns}ns`;
}

/** Parses `100MB`, `1GB`, `512KiB`, `2000000` (bytes). Decimal and binary units both mean powers of 1024. */
export function parseSize(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([kmg]i?b?|b)?$/i.exec(text.trim());
  if (!m) throw new Error(`bad size "${text}" (expected e.g. 100MB, 1GB, 300KB)`);
  const n = Number(m[1]);
  const unit = (m[2] ?? 'b').toLowerCase()[0];
  const mult = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  return Math.round(n * mult);
}
