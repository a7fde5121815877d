package accessapi

// PermissionInfo describes one permission for the roles editor. Each
// service's api package lists the permissions it checks; the composition
// root hands them all to access.
type PermissionInfo struct {
	Name        string            `json:"name"`
	Description map[string]string `json:"description"` // per language: "ru", "en"
}

// The permissions the access service checks.
const (
	PermUsersRead   = "access.users.read"   // search users, see a user's detail and staff actions
	PermUsersBlock  = "access.users.block"  // block and unblock users
	PermUsersUnlock = "access.users.unlock" // lift a login lockout
	PermRolesRead   = "access.roles.read"   // see roles and the permission catalog
	PermRolesWrite  = "access.roles.write"  // create, change and delete roles
	PermGrantsWrite = "access.grants.write" // assign roles to users
)

// Permissions are the access service's permissions for the roles editor.
var Permissions = []PermissionInfo{
	{Name: PermUsersRead, Description: map[string]string{
		"ru": "Искать пользователей и просматривать их карточки и историю действий персонала",
		"en": "Search users and view their details and staff action history"}},
	{Name: PermUsersBlock, Description: map[string]string{
		"ru": "Блокировать и разблокировать пользователей",
		"en": "Block and unblock users"}},
	{Name: PermUsersUnlock, Description: map[string]string{
		"ru": "Снимать блокировку входа после неудачных попыток",
		"en": "Lift a login lockout after failed attempts"}},
	{Name: PermRolesRead, Description: map[string]string{
		"ru": "Просматривать роли и список разрешений",
		"en": "View roles and the permission list"}},
	{Name: PermRolesWrite, Description: map[string]string{
		"ru": "Создавать, изменять и удалять роли",
		"en": "Create, change and delete roles"}},
	{Name: PermGrantsWrite, Description: map[string]string{
		"ru": "Назначать пользователям роли",
		"en": "Assign roles to users"}},
}

// The built-in roles, created on first start. Athlete is everyone's
// implicit role; the others are assigned. Whether a role makes its holder
// staff is the role's Staff flag (carried in grants_changed), not its name.
const (
	RoleAthlete   = "athlete"
	RoleCoach     = "coach"
	RoleModerator = "moderator"
	RoleMarketer  = "marketer"
	RoleSupport   = "support"
	RoleAdmin     = "admin"
)

// SystemActor is the actor id of changes SportHub makes itself (seeding
// built-in roles, the CLI's bootstrap admin).
const SystemActor = "system"
