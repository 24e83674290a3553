/**
 * Program set-up writes (admins and the program's clinicians): groups and their
 * schedules, exceptions, the policy and risk rules, the catalogs and the program's
 * texts. Each replaces the whole record with a new version; a removal sets
 * `deletedAt`, so the record's last version stays in the document.
 */
import type * as Y from 'yjs';
import { ulid } from 'ulid';
import type { AssignmentTemplate, Group, MakeupCatalogItem, Policy, ProgramInfo, RiskRules, SessionException } from '../domain/records.ts';
import { putRecord, putSingleton, stampSchemaVersion, type CollectionName, type RecordOf } from './codec.ts';
import { LOCAL_ORIGIN } from './commands.ts';

export interface Stamp {
	at: string;
	by: string;
}

type Fields<T> = Omit<T, 'id' | 'updatedAt' | 'updatedBy' | 'deletedAt'>;

function put<C extends CollectionName<'program'>>(program: Y.Doc, name: C, record: RecordOf<'program', C> & { id: string }): void {
	program.transact(() => {
		stampSchemaVersion(program);
		putRecord(program, 'program', name, record);
	}, LOCAL_ORIGIN);
}

/** Saves a group (new when `id` is null); returns its id. */
export function saveGroup(program: Y.Doc, id: string | null, fields: Fields<Group>, stamp: Stamp): string {
	const groupId = id ?? ulid();
	put(program, 'groups', { id: groupId, ...fields, updatedAt: stamp.at, updatedBy: stamp.by });
	return groupId;
}

export function removeGroup(program: Y.Doc, group: Group, stamp: Stamp): void {
	put(program, 'groups', { ...group, updatedAt: stamp.at, updatedBy: stamp.by, deletedAt: stamp.at });
}

type ExceptionFields = Fields<Extract<SessionException, { kind: 'cancelled' }>> | Fields<Extract<SessionException, { kind: 'moved' }>>;

/** Cancels or moves one session; the latest exception for a session applies. */
export function saveException(program: Y.Doc, fields: ExceptionFields, stamp: Stamp): string {
	const id = ulid();
	put(program, 'exceptions', { id, ...fields, updatedAt: stamp.at, updatedBy: stamp.by });
	return id;
}

/** Puts the session back on its regular schedule. */
export function removeException(program: Y.Doc, exception: SessionException, stamp: Stamp): void {
	put(program, 'exceptions', { ...exception, updatedAt: stamp.at, updatedBy: stamp.by, deletedAt: stamp.at });
}

export function saveMakeupItem(program: Y.Doc, id: string | null, fields: Fields<MakeupCatalogItem>, stamp: Stamp): string {
	const itemId = id ?? ulid();
	put(program, 'makeupCatalog', { id: itemId, ...fields, updatedAt: stamp.at, updatedBy: stamp.by });
	return itemId;
}

export function removeMakeupItem(program: Y.Doc, item: MakeupCatalogItem, stamp: Stamp): void {
	put(program, 'makeupCatalog', { ...item, updatedAt: stamp.at, updatedBy: stamp.by, deletedAt: stamp.at });
}

export function saveAssignmentTemplate(program: Y.Doc, id: string | null, fields: Fields<AssignmentTemplate>, stamp: Stamp): string {
	const templateId = id ?? ulid();
	put(program, 'assignmentCatalog', { id: templateId, ...fields, updatedAt: stamp.at, updatedBy: stamp.by });
	return templateId;
}

export function removeAssignmentTemplate(program: Y.Doc, template: AssignmentTemplate, stamp: Stamp): void {
	put(program, 'assignmentCatalog', { ...template, updatedAt: stamp.at, updatedBy: stamp.by, deletedAt: stamp.at });
}

function putSetting(program: Y.Doc, write: () => void): void {
	program.transact(() => {
		stampSchemaVersion(program);
		write();
	}, LOCAL_ORIGIN);
}

export function savePolicy(program: Y.Doc, fields: Fields<Policy>, stamp: Stamp): void {
	putSetting(program, () => putSingleton(program, 'program', 'policy', { id: 'policy', ...fields, updatedAt: stamp.at, updatedBy: stamp.by }));
}

export function saveRiskRules(program: Y.Doc, fields: Fields<RiskRules>, stamp: Stamp): void {
	putSetting(program, () => putSingleton(program, 'program', 'riskRules', { id: 'riskRules', ...fields, updatedAt: stamp.at, updatedBy: stamp.by }));
}

/** The texts and backup phone; the program's name and time zone are kept as they are. */
export function saveProgramTexts(
	program: Y.Doc,
	info: ProgramInfo,
	fields: Pick<ProgramInfo, 'backupPhone' | 'orientation' | 'techHelp'>,
	stamp: Stamp
): void {
	putSetting(program, () => putSingleton(program, 'program', 'info', { ...info, ...fields, updatedAt: stamp.at, updatedBy: stamp.by }));
}
