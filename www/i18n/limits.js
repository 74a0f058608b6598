// Limits that both a module and its messages state, kept here so that neither can drift from
// the other (the string tables import nothing from the modules that read them).

/** The longest scenario name (scenario.js: the name field; its messages in zh.js and en.js). */
export const MAX_NAME = 60;
