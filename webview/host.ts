/// <reference lib="dom" />
// The webview's side of the channel: the VS Code API object (acquired once, as VS Code requires), typed with the
// shared protocol, and the state kept across hide/show and reloads.
import { PROTOCOL_VERSION, type HostMessage, type ViewMessage, type ViewState } from './protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();

type Outgoing = ViewMessage extends infer M ? (M extends { v: number } ? Omit<M, 'v'> : never) : never;

export function post(message: Outgoing): void {
  api.postMessage({ v: PROTOCOL_VERSION, ...message });
}

export function onHostMessage(handle: (message: HostMessage) => void): void {
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const data = event.data;
    // Only the extension posts to this window (VS Code relays it); the version check drops anything else.
    if (typeof data === 'object' && data !== null && (data as { v?: unknown }).v === PROTOCOL_VERSION) handle(data as HostMessage);
  });
}

export function loadState(): unknown {
  return api.getState();
}

export function saveState(state: ViewState): void {
  api.setState(state);
}
