import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LedgerModule } from '../ledger/ledger.module';
import { OrganizationsModule } from '../organizations/organizations.module';
import { ProgramQueries } from './program-queries';
import { VoucherProgram } from './program.entity';
import { ProgramsController } from './programs.controller';
import { ProgramsService } from './programs.service';

@Module({
  imports: [TypeOrmModule.forFeature([VoucherProgram]), LedgerModule, OrganizationsModule],
  controllers: [ProgramsController],
  providers: [ProgramsService, ProgramQueries],
  exports: [ProgramsService, ProgramQueries],
})
export class ProgramsModule {}
