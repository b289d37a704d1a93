// The `qinglian` command line. Filled in by the CLI work.
export {}
