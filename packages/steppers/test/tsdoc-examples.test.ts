// Every TSDoc `@example` in this package's sources runs and keeps the values it promises.
import { join } from "node:path";
import { describeTsdocExamples } from "../../../test-utils/examples.ts";

describeTsdocExamples(join(import.meta.dirname, ".."), 60);
