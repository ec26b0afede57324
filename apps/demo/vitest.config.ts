import { packageTestConfig } from "../../vitest.shared.ts";

// The browser test builds the app and drives Chromium: give it room on a shared 2-core machine.
export default packageTestConfig({ testTimeout: 180_000 });
