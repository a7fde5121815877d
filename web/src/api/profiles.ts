// Profile endpoints (/api/v1/user/profiles): own profile, avatar, privacy,
// privacy zones, goals, follows and public profiles. Typed by the generated
// OpenAPI document (schema.d.ts).
import { call } from "./client";
import type { components } from "./schema";

type S = components["schemas"];

/** Profile is the signed-in user's own profile. */
export type Profile = S["Profile"];
/** ProfilePatch is any subset of the editable profile fields (null clears). */
export type ProfilePatch = S["ProfilePatch"];
/** SportLevel is one sport the athlete does. */
export type SportLevel = S["ProfileSportLevel"];
/** SportId is a sport the profiles service knows. */
export type SportId = SportLevel["sport"];
/** Level is how good an athlete is at a sport. */
export type Level = SportLevel["level"];
/** Visibility is who may see something. */
export type Visibility = Profile["visibility"];
/** Sex as the profile records it. */
export type Sex = NonNullable<Profile["sex"]>;
/** Achievement is an awarded badge. */
export type Achievement = S["ProfileAchievement"];
/** PublicProfile is what privacy lets the caller see of someone's profile. */
export type PublicProfile = S["ProfilePublic"];
/** Relationship is how the caller relates to a public profile. */
export type Relationship = PublicProfile["relationship"];
/** ActivityDefaults is who sees new activities' map, heart rate and pace. */
export type ActivityDefaults = S["ProfileActivityDefaults"];
/** Privacy is the profile's privacy settings. */
export type Privacy = S["ProfilePrivacy"];
/** Zone is a privacy zone: activity maps hide tracks inside it. */
export type Zone = S["ProfileZone"];
/** ZoneInput adds a zone. */
export type ZoneInput = S["ProfileZoneInput"];
/** Goal is a training goal; target is metres, seconds (time; a race's finish time) or a count. */
export type Goal = S["ProfileGoal"];
/** GoalKind is what a goal measures. */
export type GoalKind = Goal["kind"];
/** GoalPeriod is the period a goal repeats over. */
export type GoalPeriod = NonNullable<Goal["period"]>;
/** GoalInput is a goal as created or replaced. */
export type GoalInput = S["ProfileGoalInput"];
/** FollowRequest is someone asking to follow a non-public profile. */
export type FollowRequest = S["ProfileFollowRequest"];
/** PersonSummary is one entry of a followers or following list. */
export type PersonSummary = S["ProfileUserRef"];

export const getProfile = (signal?: AbortSignal) => call("get", "/api/v1/user/profiles/me", { signal });
export const updateProfile = (body: ProfilePatch) => call("patch", "/api/v1/user/profiles/me", { body });
export const uploadAvatar = (file: Blob) => call("put", "/api/v1/user/profiles/me/avatar", { body: file });
export const deleteAvatar = () => call("delete", "/api/v1/user/profiles/me/avatar");

export const getPrivacy = (signal?: AbortSignal) => call("get", "/api/v1/user/profiles/me/privacy", { signal });
export const updatePrivacy = (body: S["ProfilePrivacyInput"]) => call("put", "/api/v1/user/profiles/me/privacy", { body });
export const addZone = (body: ZoneInput) => call("post", "/api/v1/user/profiles/me/privacy-zones", { body });
export const deleteZone = (id: string) => call("delete", "/api/v1/user/profiles/me/privacy-zones/{id}", { path: { id } });

export const listGoals = (signal?: AbortSignal) => call("get", "/api/v1/user/profiles/me/goals", { signal });
export const createGoal = (body: GoalInput) => call("post", "/api/v1/user/profiles/me/goals", { body });
export const updateGoal = (id: string, body: GoalInput) =>
  call("put", "/api/v1/user/profiles/me/goals/{id}", { path: { id }, body });
export const deleteGoal = (id: string) => call("delete", "/api/v1/user/profiles/me/goals/{id}", { path: { id } });

export const listFollowRequests = (signal?: AbortSignal) =>
  call("get", "/api/v1/user/profiles/me/follow-requests", { signal });
export const acceptFollowRequest = (followerId: string) =>
  call("post", "/api/v1/user/profiles/me/follow-requests/{follower_id}/accept", { path: { follower_id: followerId } });
export const declineFollowRequest = (followerId: string) =>
  call("post", "/api/v1/user/profiles/me/follow-requests/{follower_id}/decline", { path: { follower_id: followerId } });

export const getPublicProfile = (userId: string, signal?: AbortSignal) =>
  call("get", "/api/v1/user/profiles/{user_id}", { path: { user_id: userId }, signal });
export const follow = (userId: string) => call("post", "/api/v1/user/profiles/{user_id}/follow", { path: { user_id: userId } });
export const unfollow = (userId: string) =>
  call("delete", "/api/v1/user/profiles/{user_id}/follow", { path: { user_id: userId } });
export const listFollowers = (userId: string, cursor?: string | null) =>
  call("get", "/api/v1/user/profiles/{user_id}/followers", { path: { user_id: userId }, query: { cursor: cursor ?? undefined } });
export const listFollowing = (userId: string, cursor?: string | null) =>
  call("get", "/api/v1/user/profiles/{user_id}/following", { path: { user_id: userId }, query: { cursor: cursor ?? undefined } });
