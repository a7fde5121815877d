package catalog

// Config is the catalog service's own configuration.
type Config struct {
	// Demo loads the generated demo catalog on first start of an empty catalog.
	Demo bool `yaml:"demo" doc:"load the demo catalog (320+ products) on first start of an empty catalog"`
}

// DefaultConfig returns the defaults: demo data on.
func DefaultConfig() Config { return Config{Demo: true} }

// Validate reports what is wrong with the configuration.
func (c Config) Validate() error { return nil }
