// Compare the HTML commonmark.js renders for each CommonMark spec example's original
// Markdown and for cjkdoc's Markdown output (pairs dumped by tests/it/markdown.rs).
// Usage: node commonmark-js-check.js pairs.json   (with `commonmark` resolvable via NODE_PATH)
const fs = require("fs");
const commonmark = require("commonmark");
const pairs = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const render = (src) => new commonmark.HtmlRenderer().render(new commonmark.Parser().parse(src));
const failed = [];
for (const p of pairs) {
  const want = render(p.input);
  const got = render(p.output);
  if (want !== got) {
    failed.push(p.number);
    if (process.env.VERBOSE) {
      console.log(`=== example ${p.number}\n--- input\n${p.input}--- output\n${p.output}--- want\n${want}--- got\n${got}`);
    }
  }
}
const total = 652;
const path = require("path");
const pkg = path.join(path.dirname(require.resolve("commonmark")), "..", "package.json");
const version = fs.existsSync(pkg) ? JSON.parse(fs.readFileSync(pkg, "utf8")).version : "?";
console.log(`commonmark.js ${version}: ${total - failed.length - (total - pairs.length)}/${total} spec examples round-trip`);
if (failed.length) console.log(`failing: ${failed.join(", ")}`);
process.exit(failed.length || pairs.length !== total ? 1 : 0);
