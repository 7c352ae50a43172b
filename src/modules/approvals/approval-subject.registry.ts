import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { APPROVAL_SUBJECT_METADATA, ApprovalSubject } from './approval-subject';

/** Finds every @ApprovalSubjectHandler at start-up; two handlers for one subject type is a start-up error. */
@Injectable()
export class ApprovalSubjectRegistry implements OnModuleInit {
  private readonly subjects = new Map<string, ApprovalSubject>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      if (!wrapper.metatype || !wrapper.instance) continue;
      const subjectType = this.reflector.get<string | undefined>(APPROVAL_SUBJECT_METADATA, wrapper.metatype as object as new () => unknown);
      if (!subjectType) continue;
      if (this.subjects.has(subjectType)) throw new Error(`Two approval subject handlers for "${subjectType}"`);
      this.subjects.set(subjectType, wrapper.instance as ApprovalSubject);
    }
  }

  get(subjectType: string): ApprovalSubject {
    const subject = this.subjects.get(subjectType);
    if (!subject) throw new Error(`No approval subject handler for "${subjectType}"`);
    return subject;
  }

  has(subjectType: string): boolean {
    return this.subjects.has(subjectType);
  }
}
