// The TiKV log line parser: pure TypeScript, one physical line at a time. See lineParser.ts for the flow,
// unifiedGrammar.ts for the grammar of the unified format.

export { LineParser, type LineParserOptions } from './lineParser';
export { logHeadKind, looksLikeTikvLog, type LogHeadKind } from './looksLikeTikv';
export { parseText, utf8Length } from './parseText';
export { quickUnifiedHeader } from './quickHeader';
export { parseTimestamp } from './timestamp';
export { unescapeJsonString } from './jsonString';
export { unifiedLevel, oldLevel } from './levels';
