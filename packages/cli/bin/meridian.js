#!/usr/bin/env node
// The `meridian` command. Internal packages are TypeScript source; tsx loads them.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/main.ts");
process.exitCode = await main(process.argv.slice(2));
