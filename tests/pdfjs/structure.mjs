// Prints a PDF's structure tree as pdf.js reads it (pdf.js: Firefox's PDF reader, and the
// accessibility tree it exposes), one JSON line per page: each element's role, with the
// text of its marked content in tree order. Usage: node structure.mjs PDFJS_DIR FILE.PDF
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [dir, file] = process.argv.slice(2);
const pdfjs = await import(pathToFileURL(`${dir}/node_modules/pdfjs-dist/legacy/build/pdf.mjs`).href);
const data = new Uint8Array(readFileSync(file));
const doc = await pdfjs.getDocument({ data, verbosity: 0 }).promise;
const out = [];
for (let n = 1; n <= doc.numPages; n++) {
  const page = await doc.getPage(n);
  // The text of each marked-content id.
  const content = await page.getTextContent({ includeMarkedContent: true });
  const text = new Map();
  const stack = [];
  for (const item of content.items) {
    if (item.type === "beginMarkedContentProps" || item.type === "beginMarkedContent") {
      stack.push(item.id ?? null);
    } else if (item.type === "endMarkedContent") {
      stack.pop();
    } else if (typeof item.str === "string") {
      const id = stack.findLast((x) => x !== null);
      if (id) text.set(id, (text.get(id) ?? "") + item.str + (item.hasEOL ? " " : ""));
    }
  }
  const walk = (node) => {
    if (node.type === "content") return { text: text.get(node.id) ?? "" };
    const el = { role: node.role, children: (node.children ?? []).map(walk) };
    if (node.alt) el.alt = node.alt;
    if (node.lang) el.lang = node.lang;
    return el;
  };
  const tree = await page.getStructTree();
  out.push(tree ? walk(tree) : null);
}
process.stdout.write(JSON.stringify(out) + "\n");
