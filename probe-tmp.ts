import { TemplateMiner } from './lambdas/core/drain';
const m = new TemplateMiner();
for (const p of ['CRON', 'su', 'sshd', 'login', 'gdm', 'polkitd']) console.log(m.mine(`${p} session opened for user root`).template);
for (const p of ['CRON', 'su', 'sshd', 'login', 'gdm', 'polkitd']) console.log(m.mine(`${p}: connection closed by peer`).template);
