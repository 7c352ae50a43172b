import { Module } from '@nestjs/common';
import { OrganizationsModule } from '../organizations/organizations.module';
import { FourEyesController } from './four-eyes.controller';
import { FourEyesService } from './four-eyes.service';

/** Four eyes on money: pending revocations and claw-backs that a second person confirms (docs/security.md). */
@Module({ imports: [OrganizationsModule], controllers: [FourEyesController], providers: [FourEyesService], exports: [FourEyesService] })
export class FourEyesModule {}
