import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ControllerGroup, EnterpriseQualification, Organization, Region } from './organization.entity';
import { OrganizationsController } from './organizations.controller';
import { OrganizationsService } from './organizations.service';
import { RegionsService } from './regions.service';
import { RegistrationService } from './registration.service';

@Module({
  imports: [TypeOrmModule.forFeature([Region, ControllerGroup, Organization, EnterpriseQualification])],
  controllers: [OrganizationsController],
  providers: [OrganizationsService, RegistrationService, RegionsService],
  exports: [OrganizationsService, RegionsService],
})
export class OrganizationsModule {}
