import { VERSION } from "../version.js";

export { VERSION };

export const USAGE = `mofgen ${VERSION}: MOF schema compiler for DMTF CIM and Microsoft WMI

Usage:
  mofgen check [options] PATH...     compile MOF files and report every problem; PATH is a file,
                                     a directory (every .mof file under it) or a roll-up file
  mofgen model [options] PATH...     print the resolved model as JSON (--format mof: as MOF);
                                     nothing on stdout when there are errors
  mofgen format [options] PATH...    print the schema as canonical MOF (same as model --format mof)
  mofgen generate [options] [PATH...]
                                     write TypeScript and the reference pages (docs/) for the schema into
                                     the output directory; with no PATH, inputs and settings come from
                                     mofgen.config.json
  mofgen docs [options] [PATH...]    write Markdown reference pages (a page per class and method, an
                                     index per namespace); with no PATH, inputs and settings come from
                                     mofgen.config.json, as for generate
  mofgen diff [options] OLD NEW      compare two versions of a schema (each a file, directory or
                                     roll-up) and classify every change as breaking, dangerous
                                     or non-breaking

Options:
  -I, --include DIR                  search DIR for #pragma include files (repeatable)
      --allow-include-outside        let includes read files outside the inputs', includers' and -I folders
      --dialect wmi|dmtf             wmi (default) reads Microsoft's superset;
                                     dmtf reports WMI extensions as errors
      --builtin-qualifiers           DMTF mode: supply the DSP0004 standard qualifier declarations
      --namespace NS                 namespace before any #pragma namespace (default root/cimv2)
      --format pretty|json|sarif     check: diagnostics format (default: pretty)
      --watch                        check: check again whenever an input or an included file changes,
                                     parsing only changed files (Ctrl+C stops)
      --format json|mof              model: output format (default: json)
      --spans                        model: give each class, member, parameter, qualifier and value map
                                     a span (file, line, column) in the JSON
      --no-color                     no colour even on a terminal (NO_COLOR is honoured too)
  -q, --quiet                        report errors only
      --diagnostic CODE=LEVEL        report CODE as off, info, warning or error (repeatable; errors stay
                                     errors); generate, docs: over the configuration's "diagnostics"

Generate options (they override the configuration file):
      --out DIR                      output directory (config "out")
      --config FILE                  read FILE instead of the nearest mofgen.config.json (in the working
                                     directory or a folder above it)
      --verbose                      say which configuration file was used
      --check                        write nothing; exit 1 and list what would be added, changed or removed
      --watch                        regenerate whenever an input, a file it includes or the configuration
                                     changes (Ctrl+C stops)
      --no-docs                      no reference pages under DIR/docs/ (config "docs": false)
      --format pretty|json|sarif     generate: diagnostics format (default: pretty, on stderr)

Docs options:
      --out DIR                      output directory (default: mofgen-docs)
      --config FILE                  as for generate: read FILE instead of the nearest mofgen.config.json
      --verbose                      say which configuration file was used
      --templates DIR                replace any of the page templates by a DIR/NAME.hbs of the same name
      --overlay FILE                 JSON adding notes, examples, Requirements rows and Syntax block settings
                                     (docs/overlay.schema.json)
      --locale ms_409                descriptions and value labels from that locale's .mfl files
      --style microsoft|dmtf         page layout: Microsoft's reference pages (default) or DMTF's fuller view

Diff options:
      --format text|markdown|json    diff: output format (default: text)
      --fail-on breaking|dangerous|none
                                     exit 1 when a change at or above this level exists
                                     (default: breaking)
      --ignore-descriptions          leave out description changes
      --old-label TEXT, --new-label TEXT
                                     markdown: how the page names the two sides (default: the paths)
      --docs-base URL                markdown: link every element to the page mofgen docs writes for it
                                     under URL (the new side's pages)
  -h, --help                         show this help
  -v, --version                      show the version

Exit status: 0 no errors, 1 errors in the input (generate --check: output out of date), 2 usage or I/O
error, 3 internal error.
`;
