import { Module } from '@nestjs/common';
import { FourEyesController } from './four-eyes.controller';
import { FourEyesService } from './four-eyes.service';

/** Four eyes on money: pending revocations and claw-backs that a second person confirms (docs/security.md). */
@Module({ controllers: [FourEyesController], providers: [FourEyesService], exports: [FourEyesService] })
export class FourEyesModule {}
