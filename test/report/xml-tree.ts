// The XML tree the JUnit tests and the consumers' readers (junit-readers/) share.
// A minimal XML 1.0 reader, enough to prove the output well-formed without a dependency:
// legal characters only, tags nested and closed, attributes quoted and unique,
// every `&` an entity, a single root.
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

const decode = (raw: string): string => {
  if (/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(raw)) throw new Error(`bare & in ${raw}`);
  return raw.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (_, ref: string) =>
    ref.startsWith('#x')
      ? String.fromCodePoint(parseInt(ref.slice(2), 16))
      : ref.startsWith('#')
        ? String.fromCodePoint(parseInt(ref.slice(1), 10))
        : (entities[ref] ?? ''),
  );
};

export const parseXml = (xml: string): XmlElement => {
  if (/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u.test(xml)) throw new Error('character XML 1.0 forbids');
  const body = xml.replace(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n/, '');
  const token = /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.-]*="[^"<]*")*)\s*(\/?)>|([^<]+)/y;
  const root: XmlElement = { name: '#document', attributes: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  while (token.lastIndex < body.length) {
    const at = token.lastIndex;
    const match = token.exec(body);
    if (match === null) throw new Error(`not XML at ${at}: ${body.slice(at, at + 30)}`);
    const [, closing, name, rawAttributes, selfClosing, text] = match;
    const parent = stack.at(-1);
    if (parent === undefined) throw new Error('content after the root');
    if (text !== undefined) {
      if (parent === root && text.trim() !== '') throw new Error('text outside the root');
      parent.text += decode(text);
    } else if (closing === '/') {
      if (parent.name !== name) throw new Error(`</${name}> closes <${parent.name}>`);
      stack.pop();
    } else {
      const attributes: Record<string, string> = {};
      for (const [, key = '', value = ''] of (rawAttributes ?? '').matchAll(/([\w.-]+)="([^"]*)"/g)) {
        if (key in attributes) throw new Error(`duplicate attribute ${key}`);
        attributes[key] = decode(value);
      }
      if (parent === root && root.children.length > 0) throw new Error('two roots');
      const element: XmlElement = { name: name ?? '', attributes, children: [], text: '' };
      parent.children.push(element);
      if (selfClosing !== '/') stack.push(element);
    }
  }
  const [document] = stack;
  if (stack.length !== 1 || document?.children.length !== 1) throw new Error('unclosed tags or no root');
  const [top] = document.children;
  if (top === undefined) throw new Error('no root');
  return top;
};


/** The children of `element` named `name`. */
export const childrenNamed = (element: XmlElement, name: string): XmlElement[] => element.children.filter((child) => child.name === name);

/** The first child named `name`, as dom4j's `element(name)` returns it. */
export const childNamed = (element: XmlElement, name: string): XmlElement | undefined => element.children.find((child) => child.name === name);
