import { Module } from '@nestjs/common';
import { LifecyclesController } from './lifecycles.controller';

/** The declared lifecycles of every module, read-only (docs/lifecycles.md is generated from the same list). */
@Module({ controllers: [LifecyclesController] })
export class LifecyclesModule {}
