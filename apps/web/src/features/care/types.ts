import type { BodyOf, QueryOf, ResponseOf } from '../../api/types';

export type OrderQuery = QueryOf<'/api/care/orders', 'get'>;
export type OrderSummary = ResponseOf<'/api/care/orders', 'get'>['items'][number];
export type OrderDetail = ResponseOf<'/api/care/orders/{id}', 'get'>;
export type OrderStatus = OrderSummary['status'];
export type ExceptionQuery = QueryOf<'/api/care/exceptions', 'get'>;
export type CareException = ResponseOf<'/api/care/exceptions', 'get'>['items'][number];
export type ExceptionKind = CareException['kind'];
export type ResolveBody = BodyOf<'/api/care/exceptions/{id}/resolve', 'post'>;
export type Plan = ResponseOf<'/api/care/plans', 'get'>['items'][number];
export type PlanBody = BodyOf<'/api/care/plans', 'post'>;
export type Provider = ResponseOf<'/api/care/providers', 'get'>['items'][number];
export type Service = ResponseOf<'/api/care/services', 'get'>['items'][number];
export type Supervision = ResponseOf<'/api/care/supervision', 'get'>;
export type MyVisit = ResponseOf<'/api/care/my/visits', 'get'>['items'][number];
export type StepBody = BodyOf<'/api/care/orders/{id}/steps', 'post'>;

/**
 * A visit of the caregiver's day as the phone holds it: the order as downloaded, with the steps
 * queued on the phone already applied (`queued` counts those not yet on the server).
 */
export type LocalCareVisit = OrderDetail & { day: string; queued: number };
