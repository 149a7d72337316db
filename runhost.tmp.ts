import { openCore } from '/work/main/electron/core/core';
import { startHttpHost } from '/work/main/electron/host/httpHost';
const core = openCore({ dataDir: process.env.LOYALTY_DATA_DIR! });
startHttpHost({ dispatch: core.dispatch, token: 'devtoken', staticDir: '/work/main/out/renderer', port: 5177 }).then(h => console.log(h.launchUrl));
