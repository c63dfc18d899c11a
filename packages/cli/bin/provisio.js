#!/usr/bin/env node
// The installed `provisio` command. It exists before the first build so npm can link and mark it
// executable at install time; the CLI itself is the compiled TypeScript in dist/.
import '../dist/main.js';
