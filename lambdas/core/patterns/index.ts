export { compileUserPattern, MAX_PATTERN_LENGTH, userPatternProblem, type UserPattern } from './user-pattern';
export { userPatternSource } from './user-pattern-schema';
