import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../../platform/config/app-config';
import { ApprovalsModule } from '../approvals/approvals.module';
import { ControllerGroupChangeRequest } from './controller-groups/controller-group-change.entity';
import { ControllerGroupChangeSubject } from './controller-groups/controller-group-change.subject';
import { ControllerGroupChangesService } from './controller-groups/controller-group-changes.service';
import { ControllerGroupsController } from './controller-groups/controller-groups.controller';
import { ControllerGroupsService } from './controller-groups/controller-groups.service';
import { ControllerGroup, EnterpriseQualification, Organization, Region } from './organization.entity';
import { OrganizationDirectory } from './organization-directory';
import { OrganizationsController } from './organizations.controller';
import { OrganizationsService } from './organizations.service';
import { ProviderAdmissionSubject } from './provider-admission.subject';
import { QualificationVerificationSubject } from './qualifications/qualification-verification.subject';
import { QualificationsController } from './qualifications/qualifications.controller';
import { QualificationsService } from './qualifications/qualifications.service';
import { RegionsAdminService } from './regions-admin.service';
import { RegionsController } from './regions.controller';
import { RegionsService } from './regions.service';
import { RegistrationService } from './registration.service';
import { InnovationTeamMember } from './teams/innovation-team-member.entity';
import { InnovationTeamsController } from './teams/innovation-teams.controller';
import { InnovationTeamsService } from './teams/innovation-teams.service';
import { UsersController } from './users/users.controller';
import { UserAccounts } from './users/user-accounts';
import { UsersService } from './users/users.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([Region, ControllerGroup, Organization, EnterpriseQualification, ControllerGroupChangeRequest, InnovationTeamMember]),
    ApprovalsModule,
    // Certificate uploads (QualificationsController): in memory, bounded by QUALIFICATION_FILE_MAX_BYTES (→ 413), then stored in PostgreSQL.
    MulterModule.registerAsync({ inject: [AppConfig], useFactory: (config: AppConfig) => ({ limits: { fileSize: config.QUALIFICATION_FILE_MAX_BYTES, files: 1, fields: 10, fieldSize: 4096 } }) }),
  ],
  controllers: [OrganizationsController, RegionsController, UsersController, QualificationsController, ControllerGroupsController, InnovationTeamsController],
  providers: [OrganizationsService, OrganizationDirectory, RegistrationService, RegionsService, RegionsAdminService, ProviderAdmissionSubject, UsersService, UserAccounts, QualificationsService, QualificationVerificationSubject, ControllerGroupsService, ControllerGroupChangesService, ControllerGroupChangeSubject, InnovationTeamsService],
  exports: [OrganizationsService, OrganizationDirectory, ControllerGroupsService, RegionsService, ProviderAdmissionSubject, QualificationVerificationSubject],
})
export class OrganizationsModule {}
