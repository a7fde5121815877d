package accessapi

// PermissionInfo describes one permission for the roles editor. Each
// service's api package lists the permissions it checks; the composition
// root hands them all to access.
type PermissionInfo struct {
	Name        string            `json:"name"`
	Description map[string]string `json:"description"` // per language: "ru", "en"
}
