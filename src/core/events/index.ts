// Domain events from parsed log entries. See table.ts for the list of consumed messages.
export * from './types';
export { extractEvents, isRelevantMessage, EXACT_MESSAGES, MESSAGE_PATTERNS, type Extractor, type MessagePattern } from './table';
export { idsMentioned, type IdKind, type IdMention } from './ids';
