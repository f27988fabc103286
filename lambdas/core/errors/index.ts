export { CulpritError, InvalidInputError } from './culprit-error';
