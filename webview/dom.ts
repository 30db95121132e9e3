/// <reference lib="dom" />
// The only way the view builds DOM. Text goes in through textContent, attributes through setAttribute with names
// chosen in code, styles through the CSSOM (which the Content-Security-Policy allows, unlike style attributes).
// There is no innerHTML, no event-handler attribute and no URL attribute anywhere, so log text cannot become markup.

type Attrs = Readonly<Record<string, string | number | boolean | undefined>>;

// Attribute names that could run code or load something: refused even though every name here is a literal.
const FORBIDDEN = /^(on|style$|href$|src$|srcdoc$|action$|formaction$|xlink:href$)/i;

function setAttrs(node: Element, attrs: Attrs): void {
  for (const [name, value] of Object.entries(attrs)) {
    if (FORBIDDEN.test(name)) throw new Error(`refusing attribute ${name}`);
    if (value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? '' : String(value));
  }
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Node | string | undefined)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  setAttrs(node, attrs);
  for (const c of children) if (c !== undefined) node.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return node;
}

/** A toolkit custom element (`vscode-button`...), built the same way. */
export function custom(tag: `vscode-${string}`, attrs: Attrs = {}, ...children: (Node | string | undefined)[]): HTMLElement {
  const node = document.createElement(tag);
  setAttrs(node, attrs);
  for (const c of children) if (c !== undefined) node.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return node;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Attrs = {}): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG_NS, tag);
  setAttrs(node, attrs);
  return node;
}

export function setText(node: Node, text: string): void {
  if (node.textContent !== text) node.textContent = text;
}

export function clear(node: Node): void {
  while (node.firstChild) node.removeChild(node.firstChild);
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`missing #${id}`);
  return node as T;
}

/** A function that runs `fn` once at the next animation frame however often it is called before then. */
export function perFrame(fn: () => void): () => void {
  let frame = 0;
  return () => {
    if (frame !== 0) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      fn();
    });
  };
}
