import type { BodyOf, ResponseOf } from '../../api/types';

/** What the phone downloads for a day offline (`GET /api/survey/slice`). */
export type Slice = ResponseOf<'/api/survey/slice', 'get'>;
export type SliceBuilding = Slice['buildings'][number];
export type SliceHouse = Slice['houses'][number];
export type SlicePerson = Slice['people'][number];
export type SliceResidence = Slice['residences'][number];
export type SyncBody = BodyOf<'/api/survey/sync', 'post'>;
export type SyncResult = ResponseOf<'/api/survey/sync', 'post'>;
export type SurveyChange = NonNullable<SyncBody['changes']>[number];
export type PersonUpdateChange = Extract<SurveyChange, { kind: 'person.update' }>;
export type PersonCreateChange = Extract<SurveyChange, { kind: 'person.create' }>;
export type SurveyConflict = ResponseOf<'/api/survey/conflicts', 'get'>['items'][number];
export type Dictionaries = ResponseOf<'/api/registry/dictionaries', 'get'>;
export type Me = ResponseOf<'/api/auth/me', 'get'>;

/** 已核实 / 有变更 / 无人在家 / 拒访 */
export type VisitOutcome = 'verified' | 'changed' | 'absent' | 'refused';

/** A person as the phone holds it: the server's record, or one registered on the doorstep. */
export interface LocalPerson extends SlicePerson {
  /** Registered offline, not yet on the server (its id is local). */
  isNew?: boolean;
  /** Changed on this phone since the last download. */
  edited?: boolean;
}

export interface LocalVisit {
  id: string;
  houseId: string;
  visitedAt: string;
  outcome: VisitOutcome;
  notes?: string;
  synced: boolean;
}

export interface LocalPhoto {
  id: string;
  /** The survey visit, or for another field app (`channel`) its own visit (a care order's id). */
  visitId: string;
  houseId: string;
  /** The field app it belongs to; none for the survey. */
  channel?: 'care';
  /** What the photo proves in a care visit, and when and where it was taken (kept for the upload). */
  stage?: 'check_in' | 'during' | 'check_out';
  takenAt?: string;
  position?: { lat: number; lon: number };
  blob: Blob | null;
  sha256: string;
  size: number;
  mime: 'image/jpeg';
  /** Bytes the server holds (resumes from here). */
  received: number;
  done: boolean;
}

/** A change waiting to be uploaded, in the order it was made. */
export interface QueuedChange {
  seq?: number;
  key: string;
  /** The person it is about (a local id for someone registered offline). */
  personId: string;
  change: SurveyChange;
  createdAt: string;
}

/** A step of another field app in the same queue (a caregiver's check-in, check-out or rating). */
export interface QueuedStep {
  seq?: number;
  key: string;
  personId: string;
  channel: 'care';
  /** The visit (care order) it belongs to. */
  visitId: string;
  step: BodyOf<'/api/care/orders/{id}/steps', 'post'>;
  createdAt: string;
}

export type QueueEntry = QueuedChange | QueuedStep;

/** Whether a queue entry is the survey's own. */
export const isSurveyChange = (q: QueueEntry): q is QueuedChange => !('channel' in q);

/** The surveyable fields of a person, as the server names them in a change. */
export const SURVEY_FIELDS = ['name', 'gender', 'birthDate', 'ethnicity', 'phone', 'residenceAddress', 'tags', 'notes', 'status'] as const;
export type SurveyField = (typeof SURVEY_FIELDS)[number];
