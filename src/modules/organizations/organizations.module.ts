import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApprovalsModule } from '../approvals/approvals.module';
import { ControllerGroup, EnterpriseQualification, Organization, Region } from './organization.entity';
import { OrganizationsController } from './organizations.controller';
import { OrganizationsService } from './organizations.service';
import { ProviderAdmissionSubject } from './provider-admission.subject';
import { RegionsService } from './regions.service';
import { RegistrationService } from './registration.service';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Module({
  imports: [TypeOrmModule.forFeature([Region, ControllerGroup, Organization, EnterpriseQualification]), ApprovalsModule],
  controllers: [OrganizationsController, UsersController],
  providers: [OrganizationsService, RegistrationService, RegionsService, ProviderAdmissionSubject, UsersService],
  exports: [OrganizationsService, RegionsService, ProviderAdmissionSubject],
})
export class OrganizationsModule {}
