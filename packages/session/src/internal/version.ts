/** Our library-version pin (D-9): informational, written to files as `dynlib_version`. */
export const LIB_VERSION = "dyn/0.1.0";
