#!/usr/bin/env node
// The `lrkit` command. A committed shim so npm can link the bin on a fresh clone before
// `prepare` has compiled src/ into dist/.
import '../dist/main.js';
