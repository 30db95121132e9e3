// TiDB keys as TiKV prints them: memcomparable-encoded, uppercase hex (`log_wrappers::Value::key`).
// Region boundaries built this way look like real ones, e.g. table 5 -> 7480000000000000FF0500000000000000F8.

function int64Hex(v: number): string {
  // i64 with the sign bit flipped, big-endian; v is non-negative and below 2^53.
  return '80' + v.toString(16).toUpperCase().padStart(14, '0');
}

/** Memcomparable "EncodeBytes": groups of 8 bytes, each followed by 0xFF minus the padding it needed. */
export function encodeBytesHex(rawHex: string): string {
  let out = '';
  for (let i = 0; ; i += 16) {
    const group = rawHex.slice(i, i + 16);
    if (group.length === 16) {
      out += group + 'FF';
      continue;
    }
    const pad = 8 - group.length / 2;
    out += group + '00'.repeat(pad) + (0xff - pad).toString(16).toUpperCase();
    return out;
  }
}

export function tableKey(tableId: number): string {
  return encodeBytesHex('74' + int64Hex(tableId));
}

export function rowKey(tableId: number, handle: number): string {
  return encodeBytesHex('74' + int64Hex(tableId) + '5F72' + int64Hex(handle));
}
