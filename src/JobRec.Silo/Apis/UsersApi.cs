using JobRec.Contracts.Operations;
using JobRec.Contracts.Users;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JobRec.Silo.Apis;

/// <summary>HTTP routes of the users resource: create/update profile, get.</summary>
public static class UsersApi
{
    /// <summary>Maps /users routes.</summary>
    public static RouteGroupBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/users").WithTags("Users");
        api.MapPut("/{id}", PutUser).WithSummary("Create or update a user's profile");
        api.MapGet("/{id}", GetUser).WithSummary("Get a user's profile and recent interactions");
        return api;
    }

    private static async Task<Ok<UserView>> PutUser(string id, UserInput profile, JobRecOperations ops) =>
        TypedResults.Ok(await ops.PutUserAsync(id, profile));

    private static async Task<Results<Ok<UserView>, ProblemHttpResult>> GetUser(string id, JobRecOperations ops) =>
        await ops.GetUserAsync(id) is { } user ? TypedResults.Ok(user) : ApiProblems.NotFound($"user '{id}' does not exist");
}
