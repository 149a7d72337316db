/** The parts of jstat (no published types) that shared/experiment uses. */
declare module 'jstat' {
  const jstat: {
    jStat: JStat;
  };
  export default jstat;
  interface JStat {
    gammaln(x: number): number;
    studentt: {
      cdf(x: number, degreesOfFreedom: number): number;
      inv(p: number, degreesOfFreedom: number): number;
    };
    normal: {
      cdf(x: number, mean: number, sd: number): number;
      inv(p: number, mean: number, sd: number): number;
    };
  }
}
