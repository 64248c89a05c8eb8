/**
 * A pack document read as a stream: its top-level fields and the items of `entities`,
 * `statements` and `events` are handed out one at a time while the text arrives, so no reader
 * ever holds the whole document.
 *
 * This is a structural scanner, not a JSON parser: it only finds where each top-level value and
 * each item begins and ends (tracking nesting and strings across slices), and hands every piece
 * to the engine's own `JSON.parse`, which does all of the parsing and most of the syntax
 * checking. (A full streaming tokenizer in JavaScript, @streamparser/json, was measured first:
 * two to three times slower than this and dominated by garbage collection on a 80 MB pack.)
 */

export type PackItemKind = 'entities' | 'statements' | 'events';
export const ITEM_KINDS: readonly PackItemKind[] = ['entities', 'statements', 'events'];

const META_FIELDS = new Set(['format', 'formatVersion', 'id', 'version', 'title', 'description', 'language', 'publisher', 'license', 'published', 'cues']);

export type ContainerShape = 'array' | 'missing' | 'other';

export interface PackStreamSink {
  meta(field: string, value: unknown): void;
  item(kind: PackItemKind, value: unknown, index: number): void;
  /** At the end: whether `entities`, `statements` and `events` were arrays, absent or something else. */
  shape(kinds: Record<PackItemKind, ContainerShape>): void;
}

/** The shape of the item containers of an already parsed document. */
export function shapeOf(doc: unknown): Record<PackItemKind, ContainerShape> {
  const root = (doc && typeof doc === 'object' && !Array.isArray(doc) ? doc : {}) as Record<string, unknown>;
  const of = (k: PackItemKind): ContainerShape => (!(k in root) ? 'missing' : Array.isArray(root[k]) ? 'array' : 'other');
  return { entities: of('entities'), statements: of('statements'), events: of('events') };
}

export interface PackStream {
  /** Feed the next slice of the document's text; throws a readable Error on malformed JSON. */
  write(text: string): void;
  /** The document is complete; throws when it ended early or held no JSON at all. */
  end(): void;
}

/** What the scanner waits for next. */
type Expect = 'root' | 'key' | 'colon' | 'value' | 'comma' | 'item' | 'item-comma' | 'piece' | 'done';
/** The value being scanned: a key, a top-level value, or an item of an item array. */
type Role = 'key' | 'value' | 'item';

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

export function packStream(sink: PackStreamSink): PackStream {
  let buf = '';
  let pos = 0;
  let base = 0;
  let expect: Expect = 'root';
  let depth = 0;
  let inString = false;
  // The piece being scanned: where it starts in `buf` (-1 when it is not kept), its role, the
  // depth it started at, and whether it is a bare number or literal (which ends at a delimiter).
  let start = -1;
  let role: Role = 'value';
  let pieceDepth = 0;
  let bare = false;
  let keep = false;
  let afterComma = false;
  let key = '';
  let kind: PackItemKind | null = null;
  const counts: Record<PackItemKind, number> = { entities: 0, statements: 0, events: 0 };
  const shape: Record<PackItemKind, ContainerShape> = { entities: 'missing', statements: 'missing', events: 'missing' };

  const fail = (what: string): never => {
    throw new Error(`not valid JSON (${what}); the file may be truncated or not a pack`);
  };
  const unexpected = (c: number): never => fail(`unexpected ${JSON.stringify(String.fromCharCode(c))} at position ${base + pos}`);
  const parse = (text: string): unknown => {
    try {
      return JSON.parse(text);
    } catch (e) {
      return fail(`${e instanceof Error ? e.message : String(e)} near position ${base + start}`);
    }
  };

  const begin = (r: Role, c: number) => {
    role = r;
    pieceDepth = depth;
    bare = c !== QUOTE && c !== 0x7b && c !== 0x5b;
    // Every piece is parsed (so a malformed one is an error), but only known fields are kept.
    keep = r !== 'value' || META_FIELDS.has(key);
    start = pos;
    afterComma = false;
    expect = 'piece';
  };

  /** The piece ends before index `end` of `buf`. */
  const complete = (end: number) => {
    const value = parse(buf.slice(start, end));
    start = -1;
    if (role === 'key') {
      key = value as string;
      expect = 'colon';
    } else if (role === 'value') {
      if (keep) sink.meta(key, value);
      expect = 'comma';
    } else {
      if (kind) sink.item(kind, value, counts[kind]++);
      expect = 'item-comma';
    }
  };

  const scan = () => {
    const n = buf.length;
    while (pos < n) {
      if (inString) {
        // Jump to the next quote that is not escaped.
        let q = buf.indexOf('"', pos);
        while (q > 0) {
          let slashes = 0;
          for (let k = q - 1; k >= 0 && buf.charCodeAt(k) === BACKSLASH; k--) slashes++;
          if (slashes % 2 === 0) break;
          q = buf.indexOf('"', q + 1);
        }
        if (q < 0) {
          pos = n;
          return;
        }
        pos = q + 1;
        inString = false;
        if (expect === 'piece' && depth === pieceDepth && !bare) complete(pos);
        continue;
      }
      const c = buf.charCodeAt(pos);
      if (expect === 'piece') {
        if (bare && depth === pieceDepth && (isSpace(c) || c === 0x2c || c === 0x7d || c === 0x5d)) {
          complete(pos);
          continue; // The delimiter belongs to the structure around the piece.
        }
        if (c === QUOTE) inString = true;
        else if (c === 0x7b || c === 0x5b) depth++;
        else if (c === 0x7d || c === 0x5d) {
          depth--;
          if (depth === pieceDepth) {
            pos++;
            complete(pos);
            continue;
          }
        }
        pos++;
        continue;
      }
      if (isSpace(c)) {
        pos++;
        continue;
      }
      switch (expect) {
        case 'root':
          if (c !== 0x7b) fail(`a pack is a JSON object, but it starts with ${JSON.stringify(String.fromCharCode(c))}`);
          depth = 1;
          expect = 'key';
          break;
        case 'key':
          if (c === 0x7d && !afterComma) {
            depth = 0;
            expect = 'done';
          } else if (c === QUOTE) {
            begin('key', c);
            inString = true;
          } else unexpected(c);
          break;
        case 'colon':
          if (c !== 0x3a) unexpected(c);
          expect = 'value';
          break;
        case 'value':
          if ((ITEM_KINDS as readonly string[]).includes(key)) {
            const k = key as PackItemKind;
            if (c === 0x5b) {
              shape[k] = 'array';
              kind = k;
              depth = 2;
              expect = 'item';
              afterComma = false;
              break;
            }
            shape[k] = 'other';
          }
          begin('value', c);
          continue; // Scan the piece's first character as part of it.
        case 'comma':
          if (c === 0x2c) {
            expect = 'key';
            afterComma = true;
          } else if (c === 0x7d) {
            depth = 0;
            expect = 'done';
          } else unexpected(c);
          break;
        case 'item':
        case 'item-comma':
          if (c === 0x5d) {
            if (afterComma) unexpected(c);
            kind = null;
            depth = 1;
            expect = 'comma';
          } else if (expect === 'item-comma') {
            if (c !== 0x2c) unexpected(c);
            expect = 'item';
            afterComma = true;
          } else {
            begin('item', c);
            continue;
          }
          break;
        case 'done':
          unexpected(c);
      }
      pos++;
    }
  };

  return {
    write(text) {
      buf += text;
      scan();
      // Keep only what an unfinished piece still needs (and, inside a string, a trailing run of
      // backslashes, which decides whether the next slice's first quote is escaped).
      let keepFrom = start >= 0 ? start : pos;
      if (inString) while (keepFrom > 0 && buf.charCodeAt(keepFrom - 1) === BACKSLASH) keepFrom--;
      if (keepFrom > 0) {
        base += keepFrom;
        buf = buf.slice(keepFrom);
        pos -= keepFrom;
        if (start >= 0) start -= keepFrom;
      }
    },
    end() {
      if (expect === 'root') fail('the file is empty');
      if (expect !== 'done') fail('the file ends in the middle of the pack');
      sink.shape(shape);
    },
  };
}
