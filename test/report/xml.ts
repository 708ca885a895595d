/**
 * A small strict XML reader for the JUnit tests: elements, double-quoted attributes, text and the five
 * entities plus character references. It throws on anything a real parser would reject that JUnit output
 * could contain — a raw `<` or `&`, a mismatched end tag, a character XML cannot hold.
 */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function isNameCharacter(character: string): boolean {
  return (character >= 'a' && character <= 'z') || (character >= 'A' && character <= 'Z') || (character >= '0' && character <= '9') || '-_:.'.includes(character);
}

function isXmlCharacter(code: number): boolean {
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}

export function parseXml(xml: string): XmlElement {
  let position = 0;
  const fail = (why: string): never => {
    throw new Error(`XML: ${why} at ${position}: ${JSON.stringify(xml.slice(position, position + 40))}`);
  };
  for (const character of xml) if (!isXmlCharacter(character.codePointAt(0)!)) fail(`character U+${character.codePointAt(0)!.toString(16)}`);

  const skipSpace = (): void => {
    while (' \t\r\n'.includes(xml[position] ?? 'x')) position += 1;
  };
  const readName = (): string => {
    const start = position;
    while (position < xml.length && isNameCharacter(xml[position]!)) position += 1;
    if (start === position) fail('expected a name');
    return xml.slice(start, position);
  };
  /** Text up to `stop`, with entities decoded; a raw `<` or a bare `&` is an error. */
  const readText = (stop: string): string => {
    let text = '';
    while (position < xml.length && xml[position] !== stop) {
      const character = xml[position]!;
      if (character === '<') fail('raw < in text');
      if (character === '&') {
        const end = xml.indexOf(';', position);
        if (end < 0) fail('unterminated entity');
        const entity = xml.slice(position + 1, end);
        if (entity.startsWith('#x')) text += String.fromCodePoint(Number.parseInt(entity.slice(2), 16));
        else if (entity.startsWith('#')) text += String.fromCodePoint(Number.parseInt(entity.slice(1), 10));
        else if (entity in NAMED_ENTITIES) text += NAMED_ENTITIES[entity];
        else fail(`unknown entity &${entity};`);
        position = end + 1;
      } else {
        text += character;
        position += 1;
      }
    }
    return text;
  };

  const readElement = (): XmlElement => {
    if (xml[position] !== '<') fail('expected <');
    position += 1;
    const element: XmlElement = { name: readName(), attributes: {}, children: [], text: '' };
    for (;;) {
      skipSpace();
      if (xml.startsWith('/>', position)) {
        position += 2;
        return element;
      }
      if (xml[position] === '>') break;
      const name = readName();
      if (name in element.attributes) fail(`duplicate attribute ${name}`);
      skipSpace();
      if (xml[position] !== '=') fail('expected =');
      position += 1;
      skipSpace();
      if (xml[position] !== '"') fail('expected "');
      position += 1;
      element.attributes[name] = readText('"');
      position += 1;
    }
    position += 1;
    for (;;) {
      element.text += readText('<');
      if (position >= xml.length) fail(`<${element.name}> not closed`);
      if (xml.startsWith('</', position)) {
        position += 2;
        const name = readName();
        if (name !== element.name) fail(`</${name}> closes <${element.name}>`);
        skipSpace();
        if (xml[position] !== '>') fail('expected >');
        position += 1;
        return element;
      }
      element.children.push(readElement());
    }
  };

  if (xml.startsWith('<?xml')) {
    position = xml.indexOf('?>') + 2;
    if (position < 2) fail('unterminated declaration');
  }
  skipSpace();
  const root = readElement();
  skipSpace();
  if (position !== xml.length) fail('content after the root element');
  return root;
}
