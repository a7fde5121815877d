package progress

// Config is the service's own configuration.
type Config struct{}

// DefaultConfig returns the defaults.
func DefaultConfig() Config { return Config{} }

// Validate reports what is wrong with the configuration.
func (c Config) Validate() error { return nil }
