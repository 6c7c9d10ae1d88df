// Placeholder entry point so the project compiles; the command-line front end replaces it.
return 0;
