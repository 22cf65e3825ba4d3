region             = "eu-central-1"
environment        = "production"
namespace          = "daira"
node_count         = 3
node_instance_type = "m6i.xlarge"
