// `${namespace}`: the variable every lab has, the namespace being checked (the
// student's, or tp lab test's scratch one). Check params use it (an answer
// `${namespace}/liveness-exec`, a subject `system:serviceaccount:${namespace}:ci`);
// a lab may not declare a variable of that name.

export const NAMESPACE_VARIABLE = 'namespace';

export const NAMESPACE_PLACEHOLDER = `\${${NAMESPACE_VARIABLE}}`;
