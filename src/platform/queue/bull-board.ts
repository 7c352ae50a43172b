import { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response, Router } from 'express';
import { ActorResolver } from '../auth/actor-resolver';
import { TokenService } from '../auth/token.service';
import { Role } from '../context/actor';
import { ErrorCode } from '../errors/domain-error';
import { QueueService } from './queue.service';

export const BULL_BOARD_PATH = '/admin/queues';

/**
 * Bull Board for platform admins, on the Redis backend only. Browsers cannot send a bearer
 * header, so the access token may also come as ?access_token= (then kept in a cookie).
 */
export async function mountBullBoard(app: NestExpressApplication, router: Router): Promise<void> {
  const queues = app.get(QueueService);
  if (queues.backendKind !== 'redis') return;
  // Loaded here, on the Redis backend only: the board's UI modules are not needed by any other process.
  const [{ createBullBoard }, { BullMQAdapter }, { ExpressAdapter }] = await Promise.all([import('@bull-board/api'), import('@bull-board/api/bullMQAdapter'), import('@bull-board/express')]);
  const tokens = app.get(TokenService);
  const actors = app.get(ActorResolver);
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(BULL_BOARD_PATH);
  createBullBoard({ queues: queues.names.map((name) => new BullMQAdapter(queues.queue(name))), serverAdapter });
  const guard = async (req: Request, res: Response, next: NextFunction) => {
    const fromHeader = /^Bearer\s+(\S+)$/i.exec(req.header('authorization') ?? '')?.[1];
    const fromQuery = typeof req.query.access_token === 'string' ? req.query.access_token : undefined;
    const fromCookie = /(?:^|;\s*)g60_board=([^;]+)/.exec(req.header('cookie') ?? '')?.[1];
    const token = fromHeader ?? fromQuery ?? fromCookie;
    const claims = token ? tokens.verifyAccess(token) : undefined;
    const resolved = claims ? await actors.resolve(claims.sid, claims.sub) : undefined;
    if (!resolved?.ok) {
      res.status(401).json({ statusCode: 401, code: ErrorCode.Unauthenticated, message: 'Sign in as a platform admin' });
      return;
    }
    if (resolved.actor.role !== Role.PlatformAdmin) {
      res.status(403).json({ statusCode: 403, code: ErrorCode.Forbidden, message: 'Platform admins only' });
      return;
    }
    if (fromQuery) res.cookie('g60_board', fromQuery, { httpOnly: true, sameSite: 'strict', path: BULL_BOARD_PATH });
    next();
  };
  router.use((req: Request, res: Response, next: NextFunction) => void guard(req, res, next).catch(next), serverAdapter.getRouter());
}
